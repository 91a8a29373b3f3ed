package org.coopmetrics.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipInputStream;

/**
 * The one file inside a zip archive, as GDELT publishes its exports ({@code *.export.CSV.zip}): read through as
 * a stream, so that it works on any Hadoop file system. An archive with no file, or with a second one, is an
 * error naming the archive: reading only the first would lose rows without a word.
 */
final class ZipEntryStream extends FilterInputStream {
    private final String archive;

    private ZipEntryStream(ZipInputStream zip, String archive) {
        super(zip);
        this.archive = archive;
    }

    static InputStream open(InputStream in, String archive) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        if (zip.getNextEntry() == null) {
            zip.close();
            throw new IOException(archive + " is not a zip archive holding a file");
        }
        return new ZipEntryStream(zip, archive);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        return b < 0 ? end() : b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        return n < 0 ? end() : n;
    }

    private int end() throws IOException {
        if (((ZipInputStream) in).getNextEntry() != null) {
            throw new IOException(archive + " holds more than one file; a GDELT export archive holds one");
        }
        return -1;
    }
}
