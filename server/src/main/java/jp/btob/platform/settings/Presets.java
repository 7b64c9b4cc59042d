package jp.btob.platform.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.api.model.SecurityPreset;

/**
 * The values each preset governs. {@code WHITEPAPER} is the platform's published policy (8 to 15
 * characters, 3 of 4 character classes; expiry is the company's choice); {@code ASVS} follows
 * OWASP ASVS 4.0.3 2.1.1, 2.1.2, 2.1.9 and 2.1.10 (at least 12, up to 128, no composition rule,
 * no forced rotation). {@code CUSTOM} governs nothing.
 */
final class Presets {

    private static final Map<SecurityPreset, List<Governed>> GOVERNED = Map.of(
            SecurityPreset.WHITEPAPER, List.of(
                    new Governed(SettingField.PASSWORD_MIN_LENGTH, 8, s -> s.password().minLength()),
                    new Governed(SettingField.PASSWORD_MAX_LENGTH, 15, s -> s.password().maxLength()),
                    new Governed(SettingField.PASSWORD_MIN_CHARACTER_CLASSES, 3, s -> s.password().minCharacterClasses())),
            SecurityPreset.ASVS, List.of(
                    new Governed(SettingField.PASSWORD_MIN_LENGTH, 12, s -> s.password().minLength()),
                    new Governed(SettingField.PASSWORD_MAX_LENGTH, 128, s -> s.password().maxLength()),
                    new Governed(SettingField.PASSWORD_MIN_CHARACTER_CLASSES, 0, s -> s.password().minCharacterClasses()),
                    new Governed(SettingField.PASSWORD_EXPIRY_DAYS, 0, SecuritySettings::passwordExpiryDays)),
            SecurityPreset.CUSTOM, List.of());

    private Presets() {
    }

    /** Each value the settings' preset governs that is not the preset's. */
    static List<Violation> mismatches(SecuritySettings settings) {
        List<Violation> violations = new ArrayList<>();
        for (Governed governed : GOVERNED.get(settings.preset())) {
            if (governed.actual().applyAsInt(settings) != governed.value()) {
                violations.add(new Violation(governed.field(), FieldError.CodeEnum.PRESET_MISMATCH,
                        "must be " + governed.value() + " under the " + settings.preset()
                                + " preset; choose CUSTOM to set it otherwise"));
            }
        }
        return violations;
    }

    /** The preset whose values these are, or CUSTOM: how the platform's defaults are presented. */
    static SecuritySettings recognise(SecuritySettings settings) {
        for (SecurityPreset preset : List.of(SecurityPreset.WHITEPAPER, SecurityPreset.ASVS)) {
            SecuritySettings candidate = settings.withPreset(preset);
            if (mismatches(candidate).isEmpty()) {
                return candidate;
            }
        }
        return settings.withPreset(SecurityPreset.CUSTOM);
    }

    private record Governed(SettingField field, int value, ToIntFunction<SecuritySettings> actual) {
    }
}
