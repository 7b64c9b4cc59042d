package jp.btob.platform.system.logging.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

/**
 * Opens an archive's chunks one after the other and hands out only what authenticated. A chunk
 * is read as the last when the file ends right after it, so a file cut at a chunk boundary, or
 * one with a chunk appended, fails on the chunk sealed otherwise.
 */
final class OpeningInputStream extends InputStream {

    private final PushbackInputStream in;

    private final SecretKey key;

    private final byte[] header;

    private final byte[] noncePrefix;

    private final int sealedChunkBytes;

    private byte[] plain = new byte[0];

    private int position;

    private long index;

    private boolean ended;

    OpeningInputStream(InputStream in, SecretKey key, byte[] header, ArchiveHeader fields) {
        this.in = new PushbackInputStream(in, 1);
        this.key = key;
        this.header = header.clone();
        this.noncePrefix = fields.noncePrefix().clone();
        this.sealedChunkBytes = fields.chunkSize() + ChunkCipher.TAG_BYTES;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == plain.length) {
            if (ended) {
                return -1;
            }
            next();
        }
        int taken = Math.min(length, plain.length - position);
        System.arraycopy(plain, position, bytes, offset, taken);
        position += taken;
        return taken;
    }

    private void next() throws IOException {
        byte[] sealed = in.readNBytes(sealedChunkBytes);
        int following = in.read();
        boolean last = following < 0;
        if (!last) {
            in.unread(following);
        }
        if (sealed.length < ChunkCipher.TAG_BYTES) {
            throw new ArchiveRefusedException(index == 0 ? "it has no chunk after its header: truncated"
                    : "it ends inside chunk " + index + ": truncated");
        }
        try {
            plain = ChunkCipher.open(key, header, noncePrefix, index, last, sealed);
        }
        catch (AEADBadTagException ex) {
            throw new ArchiveRefusedException("chunk " + index + " does not authenticate: the archive was altered, "
                    + "truncated, extended or reordered, or it was sealed under another key with the same ID");
        }
        position = 0;
        index++;
        ended = last;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
