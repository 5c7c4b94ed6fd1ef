package io.jlvs.cli.ipvsadm;

import io.jlvs.control.ServiceManager;
import io.jlvs.control.api.Request;
import io.jlvs.control.api.Reply;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A large -R goes to jlvsd as one Batch and -S gives it back line for line. */
class LargeRestoreTest {

    @Test
    void aThousandServicesWithTenServersEachRestoreInOneRequest() {
        ServiceManager manager = new ServiceManager();
        List<Request> sent = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int s = 0; s < 1_000; s++) {
            String vip = "10." + (s >> 8) + "." + (s & 0xFF) + ".1:80";
            input.append("-A -t ").append(vip).append(" -s rr\n");
            for (int d = 1; d <= 10; d++) {
                input.append("-a -t ").append(vip).append(" -r 192.168.0.").append(d).append(":8080 -m -w 1\n");
            }
        }
        Run run = Run.of(request -> {
            sent.add(request);
            return manager.handle(request);
        }, new FixedNames(), input.toString(), "-R");
        assertEquals(new Run(0, "", ""), run);
        assertEquals(1, sent.size());
        Reply.Services services = (Reply.Services) manager.handle(new io.jlvs.control.api.Query.GetServices(null));
        assertEquals(1_000, services.services().size());
        Run saved = Run.of(manager::handle, "-S", "-n");
        assertEquals(11_000, saved.out().lines().count());
    }
}
