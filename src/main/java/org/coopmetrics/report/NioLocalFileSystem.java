package org.coopmetrics.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system with permissions set through java.nio instead of a {@code chmod} process.
 *
 * <p>Without Hadoop's native library (none ships with Spark), {@link RawLocalFileSystem#setPermission} starts a
 * {@code chmod} process for every file and folder Spark writes, and for every checksum file: 881 processes for a
 * run on the bundled sample, about a third of its reporting time (docs/performance.md). The launcher names this
 * class as {@code fs.file.impl} for local runs; anything else (a sticky bit, a file system that is not POSIX)
 * goes to Hadoop's own way.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** The raw (checksum-free) file system underneath. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            String rwx = permission.toString();
            if (permission.getStickyBit() || rwx.length() != 9) {
                super.setPermission(p, permission);
                return;
            }
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(),
                        PosixFilePermissions.fromString(rwx));
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            }
        }
    }
}
