package jp.btob.platform.firewall;

/** Where in the request a value was found. */
enum Part {

    PATH("path"), QUERY("query"), HEADER("header"), COOKIE("cookie"), BODY("body");

    private final String key;

    Part(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
