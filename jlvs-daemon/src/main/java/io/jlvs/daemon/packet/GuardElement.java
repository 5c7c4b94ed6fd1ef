package io.jlvs.daemon.packet;

/** One element of one of the guard's sets, as nft writes it: {@code vip4} and {@code tcp . 10.0.0.1 . 80}. */
record GuardElement(GuardSet set, String key) {
}
