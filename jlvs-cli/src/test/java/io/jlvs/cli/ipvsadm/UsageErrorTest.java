package io.jlvs.cli.ipvsadm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every refusal of the command line with ipvsadm's text and status: fail() exits 2, popt errors
 * after the command exit 255 with "WORD: reason", and a missing or unknown command gives the
 * "Try ... -h" hint with 255. Nothing reaches jlvsd.
 */
class UsageErrorTest {

    private static final String TRY = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.";

    @ParameterizedTest(name = "ipvsadm {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        # no command, or the first option is not a command
        foo                                                  | 255 | TRY
        -n -L                                                | 255 | TRY
        -t 10.0.0.1:80 -A                                    | 255 | TRY
        -Y                                                   | 255 | TRY
        -z 1.2.3.4                                           | 255 | TRY
        --lis                                                | 255 | TRY
        --start-daemon                                       | 255 | TRY
        # popt errors after the command
        -L -Y                                                | 255 | -Y: unknown option
        -LY                                                  | 255 | -LY: unknown option
        -L --numbers                                         | 255 | --numbers: unknown option
        -L --stat                                            | 255 | --stat: unknown option
        -A -t                                                | 255 | -t: missing argument
        -A -t 10.0.0.1:80 -s                                 | 255 | -s: missing argument
        -L --stats=1                                         | 255 | --stats=1: option does not take an argument
        -L -n=1                                              | 255 | -n=1: option does not take an argument
        # popt clusters -list into -l -i -s t
        -list                                                | 2 | Illegal 'scheduler' option with the 'list' command
        # commands where an option was expected
        -L -A                                                | 2 | invalid option `-A'
        -A -E                                                | 2 | invalid option `-E'
        -A -t 10.0.0.1:80 --start-daemon master              | 2 | invalid option `master'
        -L --version                                         | 2 | invalid option `--version'
        # the command/option table
        -A                                                   | 2 | You need to supply the 'service-address' option for the 'add-service' command
        -d -t 10.0.0.1:80                                    | 2 | You need to supply the 'real-server' option for the 'delete-server' command
        -A -t 10.0.0.1:80 -r 1.2.3.4                         | 2 | Illegal 'real-server' option with the 'add-service' command
        -A -t 10.0.0.1:80 -w 5 -n                            | 2 | Illegal 'numeric' option with the 'add-service' command
        -D -t 10.0.0.1:80 -s rr                              | 2 | Illegal 'scheduler' option with the 'delete-service' command
        -C -n                                                | 2 | Illegal 'numeric' option with the 'flush' command
        -S -c                                                | 2 | Illegal 'connection' option with the 'save' command
        -Z -n                                                | 2 | Illegal 'numeric' option with the 'zero' command
        --set 1 2 3 -n                                       | 2 | Illegal 'numeric' option with the 'set' command
        -R -n                                                | 2 | Illegal 'numeric' option with the 'restore' command
        --stop-daemon master --mcast-interface eth0          | 2 | Illegal 'mcast-interface' option with the 'stop-daemon' command
        -a -t 10.0.0.1:80 -r 10.0.0.2 -p                     | 2 | Illegal 'persistent' option with the 'add-server' command
        -a -t 10.0.0.1:80 -r 10.0.0.2 --fullnat -s rr        | 2 | Illegal 'scheduler' option with the 'add-server' command
        -a -t 10.0.0.1:80 -r 10.0.0.2 --proxy-protocol v1   | 2 | Illegal 'proxy-protocol' option with the 'add-server' command
        -e -t 10.0.0.1:80 -r 10.0.0.2 --proxy-protocol v2   | 2 | Illegal 'proxy-protocol' option with the 'edit-server' command
        -D -t 10.0.0.1:80 --proxy-protocol v2                | 2 | Illegal 'proxy-protocol' option with the 'delete-service' command
        -L --proxy-protocol v1                               | 2 | Illegal 'proxy-protocol' option with the 'list' command
        -S --proxy-protocol v1                               | 2 | Illegal 'proxy-protocol' option with the 'save' command
        -A -t 10.0.0.1:80 --proxy-protocol v1 -r 10.0.0.2    | 2 | Illegal 'real-server' option with the 'add-service' command
        -A -t 10.0.0.1:80 --proxy-protocol v1 --proxy-protocol v2 | 2 | multiple 'proxy-protocol' options specified
        -A -t 10.0.0.1:80 --proxy-protocol v3                | 2 | invalid proxy-protocol version `v3' specified (v1 or v2)
        -A -t 10.0.0.1:80 --proxy-protocol V1                | 2 | invalid proxy-protocol version `V1' specified (v1 or v2)
        -A -t 10.0.0.1:80 --proxy-protocol none              | 2 | invalid proxy-protocol version `none' specified (v1 or v2)
        -A -t 10.0.0.1:80 --proxy-protocol                   | 255 | --proxy-protocol: missing argument
        -A -u 10.0.0.1:53 --proxy-protocol v1                | 2 | PROXY protocol is only for TCP virtual services
        -E --sctp-service 10.0.0.1:80 --proxy-protocol v2    | 2 | PROXY protocol is only for TCP virtual services
        -A -f 7 --proxy-protocol v2                          | 2 | PROXY protocol is only for TCP virtual services
        -L -c --timeout                                      | 2 | The option 'timeout' conflicts with the 'connection' option in the 'list' command
        -L -t 10.0.0.1:80 -c                                 | 2 | The option 'service-address' conflicts with the 'connection' option in the 'list' command
        -L --daemon --timeout                                | 2 | The option 'daemon' conflicts with the 'timeout' option in the 'list' command
        -L -c --stats                                        | 2 | options conflicts in the list command
        -L --timeout --rate                                  | 2 | options conflicts in the list command
        -L --daemon --persistent-conn                        | 2 | options conflicts in the list command
        # repeated options and commands
        -A -t 10.0.0.1:80 -t 10.0.0.2:80                     | 2 | multiple 'service-address' options specified
        -A -t 10.0.0.1:80 -f 3                               | 2 | multiple 'service-address' options specified
        -a -t 10.0.0.1:80 -r 10.0.0.2 -m -g                  | 2 | multiple 'forwarding-method' options specified
        -a -t 10.0.0.1:80 -r 10.0.0.2 -m --fullnat           | 2 | multiple 'forwarding-method' options specified
        -L -n -n                                             | 2 | multiple 'numeric' options specified
        -Lnn                                                 | 2 | multiple 'numeric' options specified
        # service and server addresses
        -A -t 80                                             | 2 | illegal virtual server address[:port] specified
        -A -t nosuchhost:80                                  | 2 | illegal virtual server address[:port] specified
        -A -t 10.0.0.1:nosuchservice                         | 2 | illegal virtual server address[:port] specified
        -A -t 10.0.0.1:65536                                 | 2 | illegal virtual server address[:port] specified
        -A -t 10.0.0.1:                                      | 2 | illegal virtual server address[:port] specified
        -A -t [2001:db8::1]                                  | 2 | illegal virtual server address[:port] specified
        -A -t [2001:db8::1:80                                | 2 | illegal virtual server address[:port] specified
        -A -u 10.0.0.1:https                                 | 2 | illegal virtual server address[:port] specified
        -a -t 10.0.0.1:80 -r 10.0.0.300                      | 2 | illegal real server address[:port] specified
        -a -t 10.0.0.1:80 -r [2001:db8::2]                   | 2 | illegal real server address[:port] specified
        -a -r 10.0.0.2:http -t 10.0.0.1:80                   | 2 | illegal real server address[:port] specified
        -A -t 10.0.0.1                                       | 2 | Zero port specified for non-persistent service
        -E -t 10.0.0.1:0 -s rr                               | 2 | Zero port specified for non-persistent service
        -A -t 10.0.0.1:80 -o                                 | 2 | One-Packet Scheduling is only for UDP virtual services
        -a -t 10.0.0.1:80 -r [2001:db8::2]:80                | 2 | Different address family is allowed only for tunneling servers
        -a -t 10.0.0.1:80 -r 2001:db8::2 --fullnat           | 2 | Different address family is allowed only for tunneling servers
        # tunnels
        -a -t 10.0.0.1:80 -r 10.0.0.2 --tun-type gue         | 2 | Tunnel options conflict with forward method
        -a -t 10.0.0.1:80 -r 10.0.0.2 -m --tun-csum          | 2 | Tunnel options conflict with forward method
        -a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue      | 2 | You need to supply the 'tun-port' option for the 'gue' tunnel type
        -a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-port 1        | 2 | Illegal 'tun-port' option with the 'ipip' tunnel type
        -a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-csum --tun-remcsum | 2 | The option 'tun-remcsum' conflicts with the 'tun-csum' option in the 'gue' tunnel type
        -a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-remcsum | 2 | Illegal 'tun-remcsum' option with the 'gre' tunnel type
        -a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type vxlan    | 2 | illegal tunnel type specified
        -a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-port 0        | 2 | illegal tunnel port specified
        # numbers
        -a -t 10.0.0.1:80 -r 10.0.0.2 -w 65536               | 2 | illegal weight specified
        -a -t 10.0.0.1:80 -r 10.0.0.2 -w -1                  | 2 | illegal weight specified
        -a -t 10.0.0.1:80 -r 10.0.0.2 -w 1x                  | 2 | illegal weight specified
        -a -t 10.0.0.1:80 -r 10.0.0.2 -x -1                  | 2 | illegal u_threshold specified
        -a -t 10.0.0.1:80 -r 10.0.0.2 -y many                | 2 | illegal l_threshold specified
        -A -f 0                                              | 2 | invalid fwmark value `0' specified
        -A -f abc                                            | 2 | invalid fwmark value `abc' specified
        -A -f 4294967296                                     | 2 | invalid fwmark value `4294967296' specified
        -A -t 10.0.0.1:80 -p 0                               | 2 | invalid timeout value `0' specified
        -A -t 10.0.0.1:80 -p 2678401                         | 2 | invalid timeout value `2678401' specified
        -A -t 10.0.0.1:80 -p rr                              | 2 | invalid timeout value `rr' specified
        -A -t 10.0.0.1:80 -p -M 255.255.255.256              | 2 | illegal virtual server persistent mask specified
        -A -t [2001:db8::1]:80 -p -M 129                     | 2 | illegal ipv6 netmask specified
        -A -t [2001:db8::1]:80 -p -M abc                     | 2 | illegal ipv6 netmask specified
        -A -t 10.0.0.1:80 -b flag-9                          | 2 | invalid scheduler flag `flag-9'
        -A -t 10.0.0.1:80 -b sh-port                         | 2 | incompatible scheduler flag `sh-port'
        -A -t 10.0.0.1:80 -s sh -b mh-fallback               | 2 | incompatible scheduler flag `mh-fallback'
        # daemons
        --start-daemon primary                               | 2 | illegal start-daemon parameter specified
        --stop-daemon x                                      | 2 | illegal start_daemon specified
        --start-daemon master --syncid 256                   | 2 | illegal syncid specified
        --start-daemon master --mcast-group 10.0.0.1         | 2 | invalid IPv4 mcast-group `10.0.0.1'
        --start-daemon master --mcast-group 2001:db8::1      | 2 | invalid IPv6 mcast-group `2001:db8::1'
        --start-daemon master --mcast-port 0                 | 2 | illegal mcast-port specified
        --start-daemon master --mcast-ttl 256                | 2 | illegal mcast-ttl specified
        --start-daemon master --sync-maxlen 65508            | 2 | illegal sync-maxlen specified
        # Alibaba LVS's local-address commands, with its command/option rows
        -P                                                   | 2 | You need to supply the 'service-address' option for the 'add-laddr' command
        -P -t 10.0.0.1:80                                    | 2 | You need to supply the 'local-address' option for the 'add-laddr' command
        -Q -t 10.0.0.1:80                                    | 2 | You need to supply the 'local-address' option for the 'del-laddr' command
        -P -t 10.0.0.1:80 -z                                 | 255 | -z: missing argument
        -P -t 10.0.0.1:80 -z nosuchhost                      | 2 | illegal local address
        -P -t 10.0.0.1:80 -z 1.2.3.4 -z 1.2.3.5              | 2 | multiple 'local-address' options specified
        -P -t 10.0.0.1:80 -z 1.2.3.4 -s rr                   | 2 | Illegal 'scheduler' option with the 'add-laddr' command
        -Q -t 10.0.0.1:80 -z 1.2.3.4 -r 10.1.1.1             | 2 | Illegal 'real-server' option with the 'del-laddr' command
        -P -t 10.0.0.1:80 -z 1.2.3.4 --proxy-protocol v1     | 2 | Illegal 'proxy-protocol' option with the 'add-laddr' command
        -G -n                                                | 2 | Illegal 'numeric' option with the 'get-laddr' command
        -G -z 1.2.3.4                                        | 2 | Illegal 'local-address' option with the 'get-laddr' command
        -A -t 10.0.0.1:80 -z 1.2.3.4                         | 2 | Illegal 'local-address' option with the 'add-service' command
        -a -t 10.0.0.1:80 -r 10.1.1.1 -z 1.2.3.4             | 2 | Illegal 'local-address' option with the 'add-server' command
        -L -z 1.2.3.4                                        | 2 | Illegal 'local-address' option with the 'list' command
        -S -z 1.2.3.4                                        | 2 | Illegal 'local-address' option with the 'save' command
        # arguments
        --set 1 2                                            | 2 | --set option requires 3 timeout values
        --set 1 2 x                                          | 2 | invalid timeout value `x' specified
        --set 1 2 3 4                                        | 2 | unexpected argument 4
        -L extra                                             | 2 | unexpected argument extra
        -A -t 10.0.0.1:80 -- -s                              | 2 | unexpected argument -s
        -A foo                                               | 2 | unexpected argument foo
        """)
    void refusedCommandLinesPrintIpvsadmsMessage(String args, int status, String message) {
        FakeClient client = FakeClient.accepting();
        Run run = Run.of(client, Run.words(args));
        String expected = message.equals("TRY") ? TRY : message;
        assertEquals(new Run(status, "", expected + "\n"), run);
        assertTrue(client.sent.isEmpty(), "nothing is sent");
    }

    @ParameterizedTest(name = "ipvsadm {0}")
    @CsvSource(delimiter = '|', textBlock = """
        -A -6 -f 1            | -6 used before -f
        """)
    void theIpv6BeforeMarkMessageKeepsItsExtraNewline(String args, String message) {
        assertEquals(new Run(2, "", message + "\n\n"), Run.of(FakeClient.accepting(), Run.words(args)));
    }
}
