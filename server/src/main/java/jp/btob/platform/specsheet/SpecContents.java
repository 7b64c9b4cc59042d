package jp.btob.platform.specsheet;

import tools.jackson.databind.json.JsonMapper;

/** A spec sheet's content as its {@code content} columns keep it: JSON, decimals as strings, exact as written. */
final class SpecContents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SpecContents() {
    }

    static String json(SpecContent content) {
        return JSON.writeValueAsString(content);
    }

    static SpecContent parse(String json) {
        return JSON.readValue(json, SpecContent.class);
    }
}
