package jp.btob.platform.system.idempotency;

/** The parts of an answer a replay repeats: status, the headers that matter, and the body. */
record StoredResponse(int status, String location, String etag, String contentType, byte[] body) {
}
