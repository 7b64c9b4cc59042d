package jp.btob.platform.order;

import java.math.BigDecimal;

/**
 * A quantity for one line of an order, as a confirmation, shipment, inspection or return names it.
 *
 * @param line     the line's number, 1 for the first
 * @param quantity confirmed, shipped, accepted or returned, as the action means
 * @param rejected the quantity rejected at inspection; zero for any other action
 */
record LineChange(int line, BigDecimal quantity, BigDecimal rejected) {
}
