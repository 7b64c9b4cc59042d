package jp.btob.platform.system.idempotency;

/** A key as stored: the request that claimed it and, once served, its answer ({@code response} null before). */
record StoredKey(String method, String path, byte[] requestHash, StoredResponse response) {

    boolean done() {
        return response != null;
    }
}
