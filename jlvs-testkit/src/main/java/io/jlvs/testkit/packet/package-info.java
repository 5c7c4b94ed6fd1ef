/**
 * Test packets as byte arrays, written from the RFCs without jlvs-packet so the two implementations
 * check each other: {@link io.jlvs.testkit.packet.Frames} starts a fluent
 * {@link io.jlvs.testkit.packet.PacketBuilder}, {@link io.jlvs.testkit.packet.FrameDescription}
 * prints a frame on one line for golden tables, {@link io.jlvs.testkit.packet.InternetChecksum}
 * is the plain checksum and {@link io.jlvs.testkit.packet.Addresses} turns text into bytes.
 */
package io.jlvs.testkit.packet;
