package jp.btob.platform.admin;

import java.util.List;

import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.system.problem.UnprocessableException;

/** Names people type: kept without surrounding white space, and never only white space. */
final class Names {

    private Names() {
    }

    /** The value stripped; 422 naming the field when nothing is left. */
    static String required(String value, String field) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            throw new UnprocessableException("The " + field + " is blank.",
                    List.of(new FieldError(field, FieldError.CodeEnum.REQUIRED, "must not be blank")));
        }
        return stripped;
    }
}
