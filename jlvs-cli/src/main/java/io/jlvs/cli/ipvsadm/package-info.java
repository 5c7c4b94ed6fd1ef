/** ipvsadm argument for argument: the getopt-style parser, the listing formatter and -S/-R. */
package io.jlvs.cli.ipvsadm;
