package jp.btob.platform.settings;

import jp.btob.platform.api.model.FieldError;

/** A rule a setting breaks: the setting, the rule's stable code, and what it must be instead. */
record Violation(SettingField field, FieldError.CodeEnum code, String message) {

    FieldError toFieldError() {
        return new FieldError(field.apiPath(), code, message);
    }
}
