package jp.btob.platform.contract;

import java.util.List;

/** A contract as its parties read it: the contract, its current revision and the agreements given so far. */
record ContractView(ContractRow contract, Revision current, List<Agreement> agreements) {
}
