/**
 * Orders (SVC-ORD, SVC-ORD-LITE): placed by a buyer with a connected seller, directly with
 * free-form lines or from an accepted quote; confirmed or rejected by the seller, shipped in
 * parts, received and inspected by the buyer, returned. Every step is a version of the order's
 * history ({@code bookkeeping}).
 */
package jp.btob.platform.order;
