package jp.btob.platform.firewall;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signatures, over a value in canonical form ({@link Normaliser}). Each aims at the syntax an
 * attack cannot do without (a quote that closes a string and goes on as SQL, a tag with a script
 * handler, a shell separator followed by a command and its arguments) rather than at words, so
 * that business prose with "select", "order by", quotes, {@code <} and {@code &} passes.
 */
final class Detectors {

    /** Registered as the signatures below are declared; sealed once they all are. */
    private static final Needles NEEDLES = new Needles();

    private static final Gate QUOTE = any("'", "\"", "`");

    /** Commands no business text puts after a shell separator. */
    private static final String COMMANDS = "whoami|uname|ifconfig|ipconfig|netstat|wget|curl|nc|ncat|netcat|bash|sh|zsh|ksh|csh|dash"
            + "|powershell|pwsh|cmd|cmd\\.exe|systeminfo|tasklist|certutil|bitsadmin|wmic|nslookup|ping|id|ls|rm|chmod|chown|xxd"
            + "|base64|mkfifo|nohup|sudo|telnet|tftp|ps|env|echo|printf|perl|python[23]?|php|ruby|uptime|hostname|passwd|crontab"
            + "|useradd|socat|nmap|lsof|strace|whereis|mshta|rundll32|regsvr32|iex|eval|exec|curl\\.exe|wget\\.exe|cat|tac|nl|od"
            + "|awk|gawk|sed|sleep|kill|killall|timeout|find|type|dir|copy|del|more|less|head|tail|net|reg|tar|zip|unzip|gzip"
            + "|scp|ssh|ftp|touch|which|locate|shutdown|reboot|halt|mount|df|du|set|export|start";

    /** Those of the commands above that are also plain words, and so count only with arguments. */
    private static final Pattern WORDS = Pattern.compile("cat|tac|nl|od|awk|sed|sleep|kill|killall|timeout|find|type|dir|copy|del|more|less"
            + "|head|tail|net|reg|tar|zip|unzip|gzip|scp|ssh|ftp|touch|which|locate|shutdown|reboot|halt|mount|df|du|set|export|start");

    /** What follows a command in an injection: arguments, a redirection, another separator, or the end. */
    private static final String ARGUMENTS = "(?:\\s+(?:-{1,2}[a-z0-9]|/|~|\\$|>|<|\\||;|&|`|'|\"|\\.{1,2}/|\\\\"
            + "|[a-z0-9_.-]+\\.(?:sh|txt|php|py|pl|exe|bat|ps1|log|conf|ini|pem|key|jsp|asp)\\b"
            + "|\\d{1,3}(?:\\.\\d{1,3}){3}|[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|net|org|io|xyz|ru|cn|tk|jp|co)\\b"
            + "|%[a-z]+%|[a-z]:[\\\\/]|\\d+\\s*(?:$|[;|&`)]))|\\s*[;|&`)<>$]|\\$\\{ifs|\\s*$)";

    private static final Pattern COMMAND_AFTER_SEPARATOR = Pattern.compile(
            "(?:;|\\|\\|?|&&?|\\n|\\r|`|\\$\\(|\\)\\s*\\{[^}]{0,256}\\}\\s*;)\\s*(?:\\{\\s*)?(?:[a-z]:)?(?:/(?:usr/)?s?bin/|\\\\windows\\\\system32\\\\)?"
                    + "(" + COMMANDS + ")" + ARGUMENTS);

    private static final Signatures SQL = new Signatures(
            // A quote closes the value and SQL goes on with a comparison: ' or 'a'='a, ") and 1=1
            sig(Pattern.compile("['\"`]\\s*\\)*\\s*(?:or|and|xor|\\|\\||&&)\\s*\\(*\\s*(?:not\\s+)?(?:['\"][^'\"]{0,40}['\"]|-?\\d+(?:\\.\\d+)?|[\\w@.$]+)\\s*"
                    + "(?:=|<>|!=|<=>|<=|>=|<|>|\\blike\\b|\\bregexp\\b|\\brlike\\b|\\bbetween\\b|\\bis\\s+(?:not\\s+)?null\\b|\\bin\\s*\\(\\s*(?:select|\\d|'))"),
                    all(QUOTE, either(word("or", "and", "xor"), any("||", "&&")))),
            // ... or with a tautology or a function: ' or 1--, ' or true, ' and sleep(5), ' or exists(select
            sig(Pattern.compile("['\"`]\\s*\\)*\\s*(?:or|and|xor|\\|\\||&&|div|having|where|union|procedure|limit|rlike|regexp)\\s*\\(*\\s*"
                    + "(?:true\\b|false\\b|\\d+\\s*(?:--|#|/\\*|;|$|\\)|=|<|>)|(?:sleep|benchmark|pg_sleep|if|iif|ascii|substr|substring|length|mid"
                    + "|ord|char|chr|updatexml|extractvalue|exp|floor|rand|version|user|database|elt|case|cast|convert|count|exists|make_set"
                    + "|json_keys|row)\\s*\\(|select\\b|exists\\b|@@|\\$\\$|0x[0-9a-f])"),
                    all(QUOTE, either(word("or", "and", "xor", "div", "having", "where", "union", "procedure", "limit", "rlike", "regexp"), any("||", "&&")))),
            // A quote, then the rest of the statement commented away: admin'--, 1')#, ' /*
            sig(Pattern.compile("['\"`]\\s*\\)*\\s*(?:--|#|/\\*|;\\s*--|;\\s*%00)[^a-z0-9]{0,16}$"),
                    all(QUOTE, atEnd("--", "#", "/*", "%00"))),
            sig(Pattern.compile("['\"`]\\s*\\)*\\s*;\\s*(?:select|insert|update|delete|drop|create|alter|exec|execute|declare|truncate"
                    + "|shutdown|grant|revoke|waitfor|call|copy|begin|merge|replace|load|handler|rename|show|use)\\b"),
                    all(QUOTE, any(";"), any("select", "insert", "update", "delete", "drop", "create", "alter", "exec", "declare", "truncate", "shutdown", "grant", "revoke", "waitfor", "call", "copy", "begin", "merge", "replace", "load", "handler", "rename", "show", "use"))),
            sig(Pattern.compile("['\"`]\\s*(?:\\|\\||\\+|&&)\\s*\\(?\\s*(?:select\\b|sleep\\s*\\(|pg_sleep|benchmark|dbms_|utl_|char\\s*\\(|chr\\s*\\("
                    + "|\\(\\s*select|version\\s*\\(|user\\s*\\(|database\\s*\\(|current_user|@@)"),
                    all(QUOTE, any("||", "+", "&&"), any("select", "sleep", "benchmark", "dbms_", "utl_", "char", "chr", "version", "user", "database", "@@"))),
            sig(Pattern.compile("['\"]\\s*(?:=|<>|!=)\\s*['\"]\\s*(?:or|and|$)"),
                    all(any("'", "\""), any("=", "<>"))),
            // UNION and stacked statements
            sig(Pattern.compile("\\bunion\\b(?:\\s|\\(|all\\b|distinct\\b)*\\bselect\\b"),
                    all(word("union"), word("select"))),
            sig(Pattern.compile(";\\s*(?:drop|truncate|alter|create)\\s+(?:table|database|schema|user|view|function|procedure|index|trigger|role)\\b"),
                    all(any(";"), any("drop", "truncate", "alter", "create"))),
            sig(Pattern.compile(";\\s*(?:insert\\s+into|delete\\s+from\\s+[\\w.`\"\\[\\]]+\\s*(?:;|--|#|$|where\\b)|update\\s+[\\w.`\"\\[\\]]+\\s+set\\b"
                    + "|exec(?:ute)?\\s+(?:master|xp_|sp_|\\()|declare\\s+@|shutdown\\b|waitfor\\b"
                    + "|select\\s+(?:\\*|null\\b|\\d|@@|pg_sleep|sleep|version|user\\b|current_user|load_file|[\\w(),*\\s]{1,80}\\bfrom\\s+[\\w.]+\\s*(?:;|--|#|$|where\\b|limit\\b|\\)))"
                    + "|copy\\s+[\\w.]+\\s+(?:from|to)\\s+program|grant\\s+all|create\\s+or\\s+replace)"),
                    all(any(";"), any("insert", "delete", "update", "exec", "declare", "shutdown", "waitfor", "select", "copy", "grant", "create"))),
            // Functions and objects no prose names
            sig(Pattern.compile("\\b(?:pg_sleep|dbms_lock\\.sleep|dbms_pipe\\.receive_message|dbms_xmlgen|dbms_\\w+\\.\\w+|utl_http\\.request|utl_inaddr"
                    + "|ctxsys\\.drithsx|xp_cmdshell|xp_dirtree|xp_regread|sp_executesql|sp_oacreate|sp_configure|openrowset|opendatasource"
                    + "|load_file|pg_read_file|pg_ls_dir|lo_import|lo_export|sys_eval|sys_exec|sqlite_master|sqlite_version|information_schema"
                    + "|pg_catalog|pg_shadow|pg_user|mysql\\.user|sysobjects|syscolumns|all_tables|user_tables|extractvalue|updatexml"
                    + "|geometrycollection|multipoint|multilinestring|linestring|json_keys|name_const|make_set|export_set|randomblob)\\b"),
                    any("_", "ctxsys", "openrowset", "opendatasource", "mysql", "sysobjects", "syscolumns", "extractvalue", "updatexml", "geometrycollection", "multipoint", "linestring", "randomblob")),
            sig(Pattern.compile("\\b(?:sleep|benchmark)\\s*\\(\\s*(?:\\d+\\s*\\)|\\d+\\s*,|\\(\\s*select|[a-z_]+\\s*\\()"),
                    all(word("sleep", "benchmark"), any("("))),
            sig(Pattern.compile("\\bwaitfor\\s+(?:delay|time)\\s*['\"\\d]"),
                    word("waitfor")),
            sig(Pattern.compile("\\binto\\s+(?:out|dump)file\\b"),
                    all(word("into"), any("file"))),
            sig(Pattern.compile("@@(?:version|datadir|hostname|servername|basedir|tmpdir|spid|identity|rowcount)\\b"),
                    any("@@")),
            sig(Pattern.compile("\\b(?:char|chr|nchar)\\s*\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)*\\)\\s*(?:\\+|\\|\\||,|\\))|\\b(?:char|chr|nchar)\\s*\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*){2,}\\)"),
                    all(word("char", "chr", "nchar"), any("("))),
            sig(Pattern.compile("\\b(?:ascii|ord|hex|unhex|substring|substr|mid|length|concat|concat_ws|group_concat|cast|convert)"
                    + "\\s*\\(\\s*(?:\\(\\s*)?(?:select\\b|@@|0x[0-9a-f]+|char\\s*\\(|version\\s*\\(|user\\s*\\(|database\\s*\\(|current_user"
                    + "|schema\\s*\\(|[a-z_]+\\s*,\\s*\\d+\\s*,\\s*\\d+\\s*\\))"),
                    all(any("("), word("ascii", "ord", "hex", "unhex", "substr", "mid", "length", "concat", "group_concat", "cast", "convert"), any("select", "@@", "0x", "char", "version", "user", "database", "schema", ","))),
            sig(Pattern.compile("\\b(?:cast|convert)\\s*\\([^)]{0,80}\\bas\\s+(?:int|integer|numeric|signed|unsigned|varchar|nvarchar|char|text|bigint)\\b"),
                    all(word("cast", "convert"), any("("), word("as"))),
            sig(Pattern.compile("(?:\\b(?:and|or|xor)\\s+|&&|\\|\\|)\\s*\\(*\\s*(?:not\\s+)?(?:\\d+\\s*(?:=|<>|!=|\\blike\\b|\\brlike\\b|\\bregexp\\b)\\s*\\d+|'[^']{0,40}'\\s*(?:=|<>|like)\\s*'"
                    + "|\\d+\\s*[<>]\\s*\\d+\\s*(?:--|#|$)|exists\\s*\\(\\s*select|\\(\\s*select\\b|sleep\\s*\\(\\s*\\d|\\d+\\s*=\\s*\\(\\s*select"
                    + "|(?:substring|substr|ascii|ord|mid|length)\\s*\\(\\s*\\(?\\s*(?:select|@@|user|version|database|[a-z_]+\\s*,\\s*\\d))"),
                    all(either(word("and", "or", "xor"), any("&&", "||")), any("=", "<", ">", "like", "regexp", "'", "("))),
            sig(Pattern.compile("\\bif\\s*\\(\\s*\\(?\\s*(?:\\d+\\s*[=<>]\\s*\\d+\\s*,|select\\b|ascii\\s*\\(|substr|length\\s*\\(|user\\s*\\(|version\\s*\\()"),
                    all(word("if"), any("("))),
            sig(Pattern.compile("\\bcase\\s+when\\b.{1,80}\\bthen\\b.{1,80}\\belse\\b.{1,80}\\bend\\b"),
                    all(word("case"), word("when"), word("then"), word("else"), word("end"))),
            sig(Pattern.compile("\\b(?:order|group)\\s+by\\s+\\d+\\s*(?:--|#|/\\*|,\\s*\\d+\\s*(?:--|#))"),
                    all(word("order", "group"), word("by"), any("--", "#", "/*"))),
            sig(Pattern.compile("\\bhaving\\s+\\d+\\s*=\\s*\\d+"),
                    all(word("having"), any("="))),
            sig(Pattern.compile("\\bselect\\b[\\s(]*(?:\\*\\s*from\\b|null\\s*(?:,|from\\b|--|#)|@@|count\\s*\\(\\s*\\*|version\\s*\\(|user\\s*\\(|database\\s*\\("
                    + "|schema\\s*\\(|current_user|sleep\\s*\\(|pg_sleep|load_file|group_concat|table_name|column_name|banner\\b|name\\s+from\\s+sys)"),
                    all(word("select"), any("*", "null", "@@", "version", "user", "database", "schema", "sleep", "load_file", "group_concat", "name", "banner"))),
            sig(Pattern.compile("\\bfrom\\s+(?:dual|sys\\.\\w+|master\\.\\.\\w+|v\\$\\w+)\\s*(?:--|#|;|\\)|$|where\\b|union\\b|order\\b|limit\\b)"),
                    all(word("from"), any("dual", "sys.", "master..", "v$"))),
            sig(Pattern.compile("/\\*!\\d*"),
                    any("/*!")),
            sig(Pattern.compile("\\blimit\\s+\\d+\\s*,\\s*\\d+\\s*(?:--|#|into\\b|procedure\\b)"),
                    all(word("limit"), any(","))),
            sig(Pattern.compile("\\bprocedure\\s+analyse\\s*\\("),
                    word("analyse"))
    );

    private static final Signatures XSS = new Signatures(
            sig(Pattern.compile("<\\s*/?\\s*(?:script|iframe|frameset|applet|isindex|portal|bgsound|xss|foreignobject)[\\s/>]"),
                    all(any("<"), any("script", "iframe", "frameset", "applet", "isindex", "portal", "bgsound", "xss", "foreignobject"))),
            sig(Pattern.compile("<\\s*/?\\s*(?:script|iframe|svg|math|object|embed|style|xmp|noscript|textarea|title)\\s*$"),
                    all(any("<"), any("script", "iframe", "svg", "math", "object", "embed", "style", "xmp", "textarea", "title"))),
            sig(Pattern.compile("<[a-z!?][^>]{0,256}?[\\s/\"'`]on[a-z]{3,}\\s*="),
                    all(any("<"), word("on"), any("="))),
            sig(Pattern.compile("<[a-z][^>]{0,256}?[\\s/\"'`](?:src|href|data|action|formaction|background|dynsrc|lowsrc|poster|code|codebase|xlink:href|to|from|values|by)"
                    + "\\s*=\\s*['\"`]?\\s*(?:javascript|vbscript|livescript|data|jar|mocha):"),
                    all(any("<"), any("="), any(":"))),
            sig(Pattern.compile("(?:^|[\\s\"'`;/])on(?:error|load|mouseover|mouseenter|mouseleave|mouseout|mousedown|mouseup|mousemove|click|dblclick"
                    + "|focus|blur|focusin|focusout|change|input|submit|keydown|keyup|keypress|toggle|begin|end|animationstart|animationend"
                    + "|animationiteration|transitionend|transitionrun|pointerover|pointerdown|pointerup|pointerenter|pointermove|wheel|scroll|resize"
                    + "|unload|beforeunload|hashchange|message|pageshow|pagehide|popstate|copy|cut|paste|drag|dragstart|dragend|dragenter|dragover"
                    + "|drop|contextmenu|auxclick|search|select|play|playing|pause|canplay|canplaythrough|loadstart|loadeddata|loadedmetadata"
                    + "|progress|readystatechange|afterprint|beforeprint|show|invalid|reset|touchstart|touchend|touchmove|volumechange|ended"
                    + "|abort|formdata|securitypolicyviolation|selectstart|selectionchange|beforeinput|beforetoggle|cuechange|durationchange"
                    + "|emptied|ratechange|seeked|seeking|stalled|suspend|timeupdate|waiting|online|offline|storage|fullscreenchange)\\s*="),
                    all(word("on"), any("="))),
            sig(Pattern.compile("\\b(?:alert|prompt|confirm)(?:\\(\\s*(?:\\d|['\"`]|document|window|this|top|self|parent|location|/|\\)|string|[a-z_$]+\\.)|`)"
                    + "|\\b(?:alert|prompt|confirm)\\s+\\(\\s*(?:document|window|this|top|self|parent|location)\\b"),
                    all(word("alert", "prompt", "confirm"), any("(", "`"))),
            sig(Pattern.compile("\\b(?:eval|settimeout|setinterval|execscript|atob|importscripts)\\s*\\(\\s*['\"`a-z(/]|\\bfunction\\s*\\(\\s*\\)\\s*\\{"),
                    all(any("("), word("eval", "settimeout", "setinterval", "execscript", "atob", "importscripts", "function"))),
            sig(Pattern.compile("\\b(?:document|window|top|self|parent|frames|globalthis)(?:\\.|\\[\\s*['\"`])(?:cookie|domain|location|write|writeln|body|documentelement"
                    + "|open|name|localstorage|sessionstorage|createelement|execcommand|origin)"),
                    all(word("document", "window", "top", "self", "parent", "frames", "globalthis"), any(".", "["), any("cookie", "domain", "location", "write", "body", "documentelement", "open", "name", "localstorage", "sessionstorage", "createelement", "execcommand", "origin"))),
            sig(Pattern.compile("\\.(?:fromcharcode|innerhtml|outerhtml|insertadjacenthtml)\\b"),
                    all(any("."), any("fromcharcode", "innerhtml", "outerhtml", "insertadjacenthtml"))),
            sig(Pattern.compile("\\bconstructor\\s*\\.\\s*constructor\\b|\\[\\s*['\"`]constructor|\\bconstructor\\s*\\(\\s*['\"`]|__proto__|\\$eval\\s*\\("),
                    any("constructor", "__proto__", "$eval")),
            sig(Pattern.compile("\\{\\{[^}]{0,256}(?:constructor|\\$on|\\$eval|_c\\.|\\bthis\\b|alert|\\d+\\s*\\*\\s*\\d+|\\[\\s*['\"])[^}]{0,256}\\}\\}"),
                    all(any("{{"), any("}}"))),
            sig(Pattern.compile("\\$\\{\\s*(?:\\d+\\s*\\*\\s*\\d+|alert|jndi:|java:|env:|sys:|\\{|[a-z]+\\s*\\()"),
                    any("${")),
            sig(Pattern.compile("\\bexpression\\s*\\(\\s*(?:alert|eval|document|window|javascript|[a-z_$]+\\s*\\()|-moz-binding\\s*:|\\bbehavior\\s*:\\s*url"
                    + "|@import\\s+['\"u]|url\\s*\\(\\s*['\"]?\\s*(?:javascript|vbscript|data):"),
                    either(all(any("expression", "url"), any("(")), all(any("-moz-binding", "behavior"), any(":")), any("@import"))),
            sig(Pattern.compile("\\b(?:srcdoc|formaction|xlink:href)\\s*="),
                    all(any("="), any("srcdoc", "formaction", "xlink:href"))),
            sig(Pattern.compile("<!\\[cdata\\[|<!--.{0,256}?(?:<|-->\\s*<)|<\\?xml|<!doctype|<!entity"),
                    any("<!", "<?")),
            sig(Pattern.compile("['\"`]\\s*/?>\\s*<\\s*/?[a-z]"),
                    all(QUOTE, any(">"), any("<"))),
            sig(Pattern.compile("<\\s*(?:img|image|body|input|video|audio|source|details|marquee|form|button|a|div|span|p|table|td|select|keygen|textarea"
                    + "|html|head|object|embed|track|picture|area|map|menu|dialog|output|meter|progress|label|option|optgroup|fieldset|legend|frame"
                    + "|svg|math|animate|set|meta|link|base|style|template|iframe)\\b[^>]{0,256}?"
                    + "(?:\\s|/)(?:on[a-z]{3,}|style|src|href|background|dynsrc|lowsrc|action|formaction|data|http-equiv|content|attributename)\\s*="),
                    all(any("<"), any("=")))
    );

    /** Script schemes; also checked with control characters removed, which browsers ignore inside a scheme. */
    private static final Signatures SCHEMES = new Signatures(
            sig(Pattern.compile("(?:javascript|vbscript|livescript|mocha)\\s*:(?!\\s)"),
                    all(any(":"), any("javascript", "vbscript", "livescript", "mocha"))),
            sig(Pattern.compile("data\\s*:\\s*(?:text/html|text/xml|image/svg\\+xml|application/(?:x-)?(?:javascript|ecmascript|xhtml)|text/javascript)"),
                    all(any("data"), any(":")))
    );

    private static final Signatures TRAVERSAL = new Signatures(
            sig(Pattern.compile("\\.\\.[/\\\\]|[/\\\\]\\.\\.(?:[/\\\\;]|$)|^\\.\\.$"),
                    any("..")),
            sig(Pattern.compile("etc[/\\\\](?:passwd|shadow|group|hosts|hostname|issue|os-release|crontab|sudoers|fstab|resolv\\.conf|profile|motd)\\b"
                    + "|[/\\\\](?:proc[/\\\\](?:self|\\d+)[/\\\\]|var[/\\\\](?:log|www|lib|run|mail)[/\\\\]|root[/\\\\]|usr[/\\\\](?:local|bin|sbin)[/\\\\])"
                    + "|(?:windows|winnt)[/\\\\](?:win\\.ini|system32|system\\.ini|repair|debug)|boot\\.ini|inetpub[/\\\\]|web-inf|meta-inf"),
                    any("etc/", "etc\\", "/proc", "\\proc", "/var", "\\var", "/root", "\\root", "/usr", "\\usr", "windows/", "windows\\", "winnt/",
                            "winnt\\", "boot.ini", "inetpub/", "inetpub\\", "web-inf", "meta-inf")),
            sig(Pattern.compile("(?:^|[/\\\\])(?:\\.htaccess|\\.htpasswd|\\.ssh[/\\\\]|id_rsa|id_dsa|authorized_keys|\\.git[/\\\\]|\\.svn[/\\\\]|\\.env$|\\.bash_history"
                    + "|web\\.config|wp-config\\.php|applicationhost\\.config)"),
                    any(".ht", ".ssh", "id_rsa", "id_dsa", "authorized_keys", ".git", ".svn", ".env", ".bash_history", "web.config", "wp-config", "applicationhost")),
            sig(Pattern.compile("\\b(?:file|php|zip|phar|expect|glob|data|gopher|dict|ldap|ldaps|jar|netdoc|tftp|ogg|rar|ssh2|compress\\.zlib):/"),
                    any(":/")),
            sig(Pattern.compile("^[a-z]:[/\\\\](?:windows|winnt|boot|inetpub|users[/\\\\][^/\\\\]+[/\\\\](?:ntuser|appdata))"),
                    any(":/", ":\\")),
            sig(Pattern.compile("\\u0000"),
                    any("\u0000"))
    );

    private static final Signatures COMMAND = new Signatures(
            sig(Pattern.compile("\\$\\(\\s*(?:" + COMMANDS + ")\\b|`\\s*(?:" + COMMANDS + ")\\b[^`]{0,256}`"),
                    any("$(", "`")),
            sig(Pattern.compile("\\$\\{ifs\\}|\\$ifs\\b|\\$\\{ifs%|\\$\\{path:0:1\\}|\\$\\{home\\}|\\$\\{[a-z_]+:\\d+:\\d+\\}|\\$\\{lf\\}"),
                    any("$")),
            sig(Pattern.compile("\\{\\s*(?:" + COMMANDS + ")\\s*,[^}]{0,256}\\}"),
                    all(any("{"), any(","), any("}"))),
            sig(Pattern.compile("\\(\\s*\\)\\s*\\{"),
                    all(any("("), any(")"), any("{"))),
            sig(Pattern.compile("(?:^|[;|&`\\n]|\\$\\()\\s*/(?:[a-z\\[\\]]*[?*][a-z?*\\[\\]]*/)+"),
                    all(any("/"), any("?", "*"))),
            sig(Pattern.compile("(?:^|[;&|`])\\s*net(?:\\.exe)?\\s+(?:user|localgroup|group|share|use|view|session|accounts)\\b"),
                    all(word("net"), any("use", "group", "share", "view", "session", "accounts"))),
            sig(Pattern.compile("/dev/(?:tcp|udp)/|\\bbash\\s+-[ic]\\b|>\\s*&\\s*/dev/|\\b(?:nc|ncat|netcat)\\s+(?:-[a-z]*[elcvnp]|\\d{1,3}\\.)"
                    + "|\\|\\s*(?:ba|z|k|c|da)?sh\\b|\\b(?:powershell|pwsh)(?:\\.exe)?\\s+(?:-\\w+|iex|invoke|\\$)|\\biex\\s*\\(|invoke-expression"
                    + "|invoke-webrequest|downloadstring|downloadfile|\\bcmd(?:\\.exe)?\\s*/[ck]\\b|%comspec%|\\bcertutil(?:\\.exe)?\\s+-urlcache"
                    + "|\\bmkfifo\\s+/|\\bsh\\s+-c\\b|\\bperl\\s+-e\\b|\\bpython[23]?\\s+-c\\b|\\bphp\\s+-r\\b|\\bruby\\s+-e\\b|\\bnode\\s+-e\\b"),
                    either(any("/dev/"), all(word("bash", "sh", "perl", "python", "php", "ruby", "node"), any("-")), all(word("nc", "netcat"), any("-", ".")), any("|"),
                    all(word("powershell", "pwsh"), any("-", "iex", "invoke", "$")), word("iex"), any("invoke-", "downloadstring", "downloadfile", "%comspec%"),
                    all(word("cmd", "mkfifo"), any("/")), all(word("certutil"), any("-urlcache")))),
            sig(Pattern.compile("(?:^|[;&|`\\s])(?:cat|more|less|head|tail|type|nl|od|strings)\\s+(?:/etc/|/proc/|c:\\\\|%[a-z]+%)"),
                    all(word("cat", "more", "less", "head", "tail", "type", "nl", "od", "strings"), any("/etc/", "/proc/", "c:\\", "%")))
    );

    /** A separator, then a command as a whole word: what {@link #COMMAND_AFTER_SEPARATOR} cannot match without. */
    private static final Gate.Flat SEPARATOR = Gate.Flat.of(all(any(";", "|", "&", "\n", "\r", "`", "$("),
            wholeWord((COMMANDS.replace("\\.", ".").replace("[23]?", "") + "|python2|python3").split("\\|"))));

    private static final Pattern CONTROL = Pattern.compile("[\\u0000-\\u001f\\u007f\\u00ad\\u200b-\\u200d\\ufeff]+");

    /** What a shell removes before it runs a word ({@link #unquoted}): a value holds some exactly when this gate opens. */
    private static final Gate.Flat NOISE = Gate.Flat.of(any("'", "\"", "\\", "$@", "$*", "$()", "${}", "``"));

    private static final Pattern END_OR_SEPARATOR = Pattern.compile("\\s*(?:[;|&`)]|$)");

    private static final Pattern SQL_COMMENT = Pattern.compile("/\\*(?!!).{0,512}?\\*/", Pattern.DOTALL);

    private static final Pattern SPACE = Pattern.compile("[\\s\\u000b\\u00a0]+");

    /** Every gate open: what the scan would do without the needles, for proving the gates sound. */
    private static final long[] EVERY = NEEDLES.seal().every();

    private Detectors() {
    }

    /**
     * The first rule whose signature the canonical value carries. {@code lineBreaks}: whether a line
     * break is itself an attack here (in a URL, a header or a cookie; not in a JSON string).
     */
    static Optional<Hit> scan(String canonical, boolean lineBreaks) {
        return scan(canonical, lineBreaks, true);
    }

    /** {@code gated}: false runs every signature, whatever the value holds. */
    static Optional<Hit> scan(String canonical, boolean lineBreaks, boolean gated) {
        if (lineBreaks) {
            int at = lineBreak(canonical);
            if (at >= 0) {
                return Optional.of(new Hit(FirewallRule.HEADER_INJECTION, excerpt(canonical, at)));
            }
        }
        long[] hits = gated ? NEEDLES.find(canonical) : EVERY;
        Optional<Hit> hit = Optional.empty();
        if (!Needles.none(hits)) {
            String sql = spaced(canonical.contains("/*") ? SQL_COMMENT.matcher(canonical).replaceAll(" ") : canonical);
            // Where a needle sits depends on the text around it, which comments and runs of spaces change.
            long[] sqlHits = sql == canonical || !gated ? hits : NEEDLES.find(sql);
            hit = first(FirewallRule.SQL_INJECTION, SQL, sql, sqlHits);
            if (hit.isEmpty() && sql.indexOf('+') >= 0) {
                // A plus is a space in a form-encoded value, as sqlmap's space2plus relies on.
                hit = first(FirewallRule.SQL_INJECTION, SQL, sql.replace('+', ' '), sqlHits);
            }
            if (hit.isEmpty()) {
                hit = first(FirewallRule.XSS, XSS, canonical, hits);
            }
            if (hit.isEmpty()) {
                hit = first(FirewallRule.XSS, SCHEMES, canonical, hits);
            }
        }
        if (hit.isEmpty() && control(canonical)) {
            String squeezed = CONTROL.matcher(canonical).replaceAll("");
            hit = first(FirewallRule.XSS, SCHEMES, squeezed, gated ? NEEDLES.find(squeezed) : EVERY);
        }
        if (!Needles.none(hits)) {
            if (hit.isEmpty()) {
                hit = first(FirewallRule.PATH_TRAVERSAL, TRAVERSAL, canonical, hits);
            }
            if (hit.isEmpty()) {
                hit = command(canonical, hits);
            }
            if (hit.isEmpty() && NOISE.open(hits)) {
                // What a shell removes before it runs a word: quotes, escapes, empty expansions.
                String unquoted = unquoted(canonical);
                hit = command(unquoted, gated ? NEEDLES.find(unquoted) : EVERY);
            }
        }
        return hit;
    }

    private static Optional<Hit> command(String value, long[] hits) {
        Optional<Hit> hit = SEPARATOR.open(hits) ? separatedCommand(value) : Optional.empty();
        return hit.isPresent() ? hit : first(FirewallRule.COMMAND_INJECTION, COMMAND, value, hits);
    }

    /** A shell separator, a command and its arguments; a command that is also a word needs real arguments. */
    private static Optional<Hit> separatedCommand(String value) {
        Matcher matcher = COMMAND_AFTER_SEPARATOR.matcher(value);
        while (matcher.find()) {
            String tail = value.substring(matcher.end(1));
            boolean word = WORDS.matcher(matcher.group(1)).matches();
            if (!word || !tail.isBlank() && !END_OR_SEPARATOR.matcher(tail).lookingAt()) {
                return Optional.of(new Hit(FirewallRule.COMMAND_INJECTION, matcher.group()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Hit> first(FirewallRule rule, Signatures signatures, String value, long[] hits) {
        return signatures.first(value, hits).map(matched -> new Hit(rule, matched));
    }

    /**
     * The value without what a shell removes before it runs a word, from left to right: quotes,
     * backslashes, the empty expansions {@code $@}, {@code $*}, {@code $()} and {@code ${}}, and two
     * backquotes in a row.
     */
    private static String unquoted(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '"' || c == '\\') {
                continue;
            }
            if (c != '$' && c != '`') {
                out.append(c);
            } else if (value.startsWith("$@", i) || value.startsWith("$*", i) || value.startsWith("``", i)) {
                i++;
            } else if (value.startsWith("$()", i) || value.startsWith("${}", i)) {
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Where the first line break is, or -1. */
    private static int lineBreak(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                return i;
            }
        }
        return -1;
    }

    /** Whether the value holds a character {@link #CONTROL} removes. */
    private static boolean control(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= '\u001f' || c == '\u007f' || c == '\u00ad' || c >= '\u200b' && c <= '\u200d' || c == '\ufeff') {
                return true;
            }
        }
        return false;
    }

    /** Every run of white space as one space ({@link #SPACE}), without a copy when there is nothing to change. */
    private static String spaced(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSpace(c) && (c != ' ' || i + 1 < value.length() && isSpace(value.charAt(i + 1)))) {
                return SPACE.matcher(value).replaceAll(" ");
            }
        }
        return value;
    }

    private static boolean isSpace(char c) {
        return c <= ' ' ? c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r' : c == '\u00a0';
    }

    private static Signatures.Signature sig(Pattern pattern, Gate gate) {
        return new Signatures.Signature(pattern, Gate.Flat.of(gate));
    }

    /** Open when the value contains any of the needles. */
    private static Gate any(String... needles) {
        return needles(Needles.Kind.ANYWHERE, needles);
    }

    /** Open when the value contains any of the needles as the start of a word: no letter, digit or underscore right before it. */
    private static Gate word(String... needles) {
        return needles(Needles.Kind.WORD_START, needles);
    }

    /** Open when the value contains any of the needles as a whole word. */
    private static Gate wholeWord(String... needles) {
        return needles(Needles.Kind.WHOLE_WORD, needles);
    }

    /** Open when the value contains any of the needles followed by at most 16 characters, none a letter or a digit. */
    private static Gate atEnd(String... needles) {
        return needles(Needles.Kind.AT_END, needles);
    }

    private static Gate needles(Needles.Kind kind, String... needles) {
        int[] ids = new int[needles.length];
        for (int i = 0; i < needles.length; i++) {
            ids[i] = NEEDLES.id(needles[i], kind);
        }
        return new Gate.Any(ids);
    }

    private static Gate all(Gate... gates) {
        return new Gate.All(gates);
    }

    private static Gate either(Gate... gates) {
        return new Gate.Either(gates);
    }

    private static String excerpt(String value, int at) {
        int from = Math.max(0, at - 40);
        return value.substring(from, Math.min(value.length(), at + 40));
    }

    /** A rule that matched and the text it matched. */
    record Hit(FirewallRule rule, String matched) {
    }
}
