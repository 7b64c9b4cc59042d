package jp.btob.platform.system.logging.archive;

import java.io.IOException;
import java.io.OutputStream;

import javax.crypto.SecretKey;

/**
 * Seals what is written in chunks of the header's chunk size. A full chunk is sealed only when
 * the next byte shows that it is not the last; {@link #finish()} seals the last one, empty if
 * need be, so that an archive always ends in a chunk marked last.
 */
final class SealingOutputStream extends OutputStream {

    private final OutputStream out;

    private final SecretKey key;

    private final byte[] header;

    private final byte[] noncePrefix;

    private final byte[] buffer;

    private int filled;

    private long index;

    private boolean finished;

    SealingOutputStream(OutputStream out, SecretKey key, byte[] header, ArchiveHeader fields) {
        this.out = out;
        this.key = key;
        this.header = header.clone();
        this.noncePrefix = fields.noncePrefix().clone();
        this.buffer = new byte[fields.chunkSize()];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (finished) {
            throw new IOException("The archive's last chunk is already sealed");
        }
        int from = offset;
        int left = length;
        while (left > 0) {
            if (filled == buffer.length) {
                seal(false);
            }
            int taken = Math.min(left, buffer.length - filled);
            System.arraycopy(bytes, from, buffer, filled, taken);
            filled += taken;
            from += taken;
            left -= taken;
        }
    }

    /** Seals the last chunk; the stream underneath stays open, for the caller to sync and close. */
    void finish() throws IOException {
        if (!finished) {
            seal(true);
            finished = true;
            out.flush();
        }
    }

    private void seal(boolean last) throws IOException {
        out.write(ChunkCipher.seal(key, header, noncePrefix, index, last, buffer, filled));
        index++;
        filled = 0;
    }
}
