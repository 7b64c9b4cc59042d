package jp.btob.platform.system.paging;

/** Where a page ended, in the opaque form a client passes back as {@code cursor}. */
public interface Cursor {

    String encode();
}
