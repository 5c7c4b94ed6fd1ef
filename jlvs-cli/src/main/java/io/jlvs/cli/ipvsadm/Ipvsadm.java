package io.jlvs.cli.ipvsadm;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.ControlClient;
import io.jlvs.control.api.Query;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.Request;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * ipvsadm 1.31 as a library call: the same arguments, the same output byte for byte, the same
 * exit statuses, with jlvsd (through a {@link ControlClient}) in place of the kernel.
 */
public final class Ipvsadm {

    /** The program name ipvsadm's messages and usage text show. */
    public static final String PROGRAM = "ipvsadm";

    private final ControlClient client;
    private final String endpoint;
    private final String program;
    private final CommandLineParser parser;
    private final ServiceListing serviceListing;
    private final OtherListings otherListings;
    private final LocalAddressListing localAddressListing;
    private final ProxyNotice proxyNotice;

    /**
     * An ipvsadm that reaches the table through client, resolves names with resolver, and names
     * endpoint when the client cannot reach jlvsd.
     */
    public Ipvsadm(ControlClient client, NameResolver resolver, String endpoint, String program) {
        this.client = client;
        this.endpoint = endpoint;
        this.program = program;
        this.parser = new CommandLineParser(program, resolver);
        this.serviceListing = new ServiceListing(resolver);
        this.otherListings = new OtherListings(resolver);
        this.localAddressListing = new LocalAddressListing(resolver);
        this.proxyNotice = new ProxyNotice(this::send);
    }

    /** Runs ipvsadm with args (without the program name) and returns its exit status. */
    public static int run(String[] args, ControlClient client, InputStream in, PrintStream out, PrintStream err) {
        return run(PROGRAM, args, client, in, out, err);
    }

    /** The same, called as program (ipvsadm's argv[0], which its usage text and "Try ..." hint show). */
    public static int run(String program, String[] args, ControlClient client, InputStream in, PrintStream out,
            PrintStream err) {
        return new Ipvsadm(client, SystemNameResolver.standard(), DaemonUnreachable.defaultEndpoint(), program)
                .execute(args, in, out, err);
    }

    /** Runs one command line and returns its exit status. */
    public int execute(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            // no arguments at all lists the table, as ipvsadm does
            Invocation invocation = args.length == 0
                    ? new Invocation.ListAll(ListFormat.PLAIN)
                    : parser.parse(Arrays.asList(args), false);
            return perform(invocation, in, out, err);
        } catch (ProgramExit exit) {
            return finish(exit, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int finish(ProgramExit exit, PrintStream out, PrintStream err) {
        out.print(exit.stdout());
        err.print(exit.stderr());
        return exit.status();
    }

    /** Runs a parsed line; a returned status of 255 is ipvsadm's -1 (a refused command). */
    private int perform(Invocation invocation, InputStream in, PrintStream out, PrintStream err) throws ProgramExit {
        return switch (invocation) {
            case Invocation.Apply apply -> apply(apply.command(), err);
            case Invocation.ListAll list -> {
                printAll(out, list.format());
                yield ExitStatus.OK;
            }
            case Invocation.Save save -> {
                printAll(out, save.format());
                // Alibaba's ipvsadm -S: the local addresses after every service
                Reply locals = send(new Query.GetLocalAddresses(null));
                if (!(locals instanceof Reply.LocalAddresses list)) {
                    throw listingFailure(locals, true);
                }
                print(out, localAddressListing.rules(list.services(), save.format().numeric()));
                yield ExitStatus.OK;
            }
            case Invocation.ListLocalAddresses list -> {
                Reply reply = send(new Query.GetLocalAddresses(list.key()));
                if (reply instanceof Reply.Failure failure) {
                    // Alibaba's ipvsadm returns -1 here, as for a refused command
                    err.println(failure.message());
                    yield ExitStatus.TABLE_ERROR;
                }
                if (!(reply instanceof Reply.LocalAddresses locals)) {
                    throw unexpected(reply);
                }
                print(out, localAddressListing.table(locals.services()));
                yield ExitStatus.OK;
            }
            case Invocation.ListService list -> {
                Reply reply = list.format().numeric()
                        ? send(new Query.GetListing(list.key(), list.format().bits()))
                        : send(new Query.GetServices(list.key()));
                if (reply instanceof Reply.Listing(String text) && !text.isEmpty()) {
                    print(out, text);
                    yield ExitStatus.OK;
                }
                Reply.Services services = reply instanceof Reply.Listing ? new Reply.Services(0, List.of())
                        : services(reply);
                if (services.services().isEmpty()) {
                    throw ProgramExit.listingFailed("No such service");
                }
                print(out, serviceListing.one(services.services().getFirst(), list.format()));
                yield ExitStatus.OK;
            }
            case Invocation.ListConnections list -> {
                Reply reply = send(new Query.GetConnections());
                if (!(reply instanceof Reply.Connections connections)) {
                    throw listingFailure(reply, true);
                }
                print(out, otherListings.connections(connections.connections(), list.format()));
                yield ExitStatus.OK;
            }
            case Invocation.ListTimeouts ignored -> {
                Reply reply = send(new Query.GetTimeouts());
                if (!(reply instanceof Reply.CurrentTimeouts timeouts)) {
                    // ipvsadm exits 1 here without a message
                    throw listingFailure(reply, false);
                }
                out.print(OtherListings.timeouts(timeouts.timeouts()));
                yield ExitStatus.OK;
            }
            case Invocation.ListDaemons ignored -> {
                Reply reply = send(new Query.GetDaemons());
                if (!(reply instanceof Reply.Daemons daemons)) {
                    throw listingFailure(reply, false);
                }
                out.print(OtherListings.daemons(daemons.daemons()));
                yield ExitStatus.OK;
            }
            case Invocation.Restore ignored -> restore(in, out, err);
            case Invocation.Rejected rejected -> {
                err.println(rejected.message());
                yield ExitStatus.TABLE_ERROR;
            }
        };
    }

    /**
     * A listing printed as PrintStream.print prints it, in the stream's charset, but encoded in one
     * call: print's encoder goes char by char, milliseconds for thousands of lines on cold code.
     */
    private static void print(PrintStream out, String listing) {
        byte[] bytes = listing.getBytes(out.charset());
        out.write(bytes, 0, bytes.length);
    }

    private int apply(Command command, PrintStream err) throws ProgramExit {
        Reply reply = send(command);
        return switch (reply) {
            case Reply.Ok ok -> {
                proxyNotice.afterApplied(List.of(command), err);
                yield ExitStatus.OK;
            }
            case Reply.Failure failure -> {
                err.println(failure.message());
                yield ExitStatus.TABLE_ERROR;
            }
            default -> throw unexpected(reply);
        };
    }

    /**
     * Every service: numeric listings come formatted by jlvsd (its answer is the services
     * themselves when it cannot format), the others are formatted here, where names resolve.
     */
    private void printAll(PrintStream out, ListFormat format) throws ProgramExit {
        Reply reply = format.numeric() ? send(new Query.GetListing(null, format.bits()))
                : send(new Query.GetServices(null));
        if (reply instanceof Reply.Listing(String text)) {
            print(out, text);
            return;
        }
        Reply.Services services = services(reply);
        print(out, serviceListing.all(services.connectionTableSize(), services.services(), format));
    }

    private Reply.Services services(Reply reply) throws ProgramExit {
        if (reply instanceof Reply.Services services) {
            return services;
        }
        throw listingFailure(reply, true);
    }

    private ProgramExit listingFailure(Reply reply, boolean withMessage) {
        if (reply instanceof Reply.Failure failure) {
            return ProgramExit.listingFailed(withMessage ? failure.message() : "");
        }
        return unexpected(reply);
    }

    private static ProgramExit unexpected(Reply reply) {
        return ProgramExit.failure(DaemonUnreachable.STATUS, "jlvs adm: unexpected reply from jlvsd: " + reply);
    }

    private Reply send(Request request) throws ProgramExit {
        try {
            return client.send(request);
        } catch (IOException e) {
            throw DaemonUnreachable.exit(endpoint, request, e);
        }
    }

    /**
     * -R: each line runs as its own command line. Table changes are gathered and sent as one
     * Batch up to the next line that is not a change; a refused change prints its message and the
     * rest of the batch goes on, as ipvsadm goes on to the next line. The status is the last line's.
     * A line that makes ipvsadm exit (a usage error, -h) ends the restore after what came before.
     */
    private int restore(InputStream in, PrintStream out, PrintStream err) throws ProgramExit {
        RestoreReader reader = new RestoreReader(in);
        List<Command> pending = new ArrayList<>();
        int result = ExitStatus.OK;
        Optional<List<String>> line;
        while ((line = readLine(reader)).isPresent()) {
            if (line.get().isEmpty()) {
                continue;
            }
            Invocation invocation;
            try {
                invocation = parser.parse(line.get(), true);
            } catch (ProgramExit exit) {
                applyBatch(pending, err);
                throw exit;
            }
            if (invocation instanceof Invocation.Apply apply) {
                pending.add(apply.command());
                continue;
            }
            applyBatch(pending, err);
            result = perform(invocation, in, out, err);
        }
        if (!pending.isEmpty()) {
            result = applyBatch(pending, err);
        }
        return result;
    }

    private static Optional<List<String>> readLine(RestoreReader reader) throws ProgramExit {
        try {
            return reader.nextLine();
        } catch (UncheckedIOException e) {
            throw ProgramExit.failure(DaemonUnreachable.STATUS, "jlvs adm: cannot read stdin: " + e.getCause().getMessage());
        }
    }

    /** Sends the pending changes; returns the status of the last one. */
    private int applyBatch(List<Command> pending, PrintStream err) throws ProgramExit {
        int result = ExitStatus.OK;
        List<Command> rest = List.copyOf(pending);
        pending.clear();
        while (!rest.isEmpty()) {
            Reply reply = send(new Command.Batch(rest));
            switch (reply) {
                case Reply.Ok ok -> {
                    proxyNotice.afterApplied(rest, err);
                    return ExitStatus.OK;
                }
                case Reply.Failure failure -> {
                    proxyNotice.afterApplied(rest.subList(0, Math.clamp(failure.index(), 0, rest.size())), err);
                    err.println(failure.message());
                    int failed = Math.clamp(failure.index(), 0, rest.size() - 1);
                    result = failed == rest.size() - 1 ? ExitStatus.TABLE_ERROR : ExitStatus.OK;
                    rest = rest.subList(failed + 1, rest.size());
                }
                default -> throw unexpected(reply);
            }
        }
        return result;
    }
}
