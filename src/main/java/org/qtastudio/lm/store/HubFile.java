package org.qtastudio.lm.store;

/**
 * One file of a hub repository listing.
 *
 * @param path path inside the repository
 * @param size size in bytes, or -1 when the listing does not say
 * @param sha256 lower-case hex SHA-256 for LFS files, or {@code null}
 */
public record HubFile(String path, long size, String sha256) {
}
