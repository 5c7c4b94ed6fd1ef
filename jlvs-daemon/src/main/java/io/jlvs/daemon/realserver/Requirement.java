package io.jlvs.daemon.realserver;

/**
 * One thing a real server needs in place, as the seeds' real-server scripts set it up: start puts
 * each in place in order, status checks each, stop undoes what start changed.
 */
sealed interface Requirement permits SysctlSetting, VipAddress, LinkUp, DecapsulatorRunning {
}
