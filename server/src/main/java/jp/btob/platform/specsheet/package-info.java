/**
 * Product specification sheets (SVC-SPEC): requested by a buyer from a connected seller, filled
 * in and submitted by the seller, approved or returned with comments by the buyer; every
 * submission is a revision kept as submitted, every step a version of the sheet's history
 * ({@code bookkeeping}).
 */
package jp.btob.platform.specsheet;
