package jp.btob.platform.permission;

import jp.btob.platform.api.model.Permission;

/** What an operation declares in its spec's {@code x-permission}. */
public sealed interface Declared {

    /** Open before login. */
    record Public() implements Declared {
    }

    /** Any signed-in company user, acting on themselves. */
    record Authenticated() implements Declared {
    }

    /** The operators' realm, which Spring Security's rules guard by path. */
    record Operator() implements Declared {
    }

    /** A company caller holding this function permission. */
    record Requires(Permission permission) implements Declared {
    }

    /** Reads a declaration; fails on anything the catalogue does not know, screens included. */
    static Declared parse(String value, String operationId) {
        return switch (value) {
            case "public" -> new Public();
            case "authenticated" -> new Authenticated();
            case "operator" -> new Operator();
            default -> Permissions.parse(value)
                    .filter(permission -> !Permissions.isScreen(permission))
                    .<Declared>map(Requires::new)
                    .orElseThrow(() -> new IllegalStateException("Operation " + operationId
                            + " declares x-permission '" + value + "', which is not a function permission of"
                            + " the catalogue, nor public, authenticated or operator"));
        };
    }
}
