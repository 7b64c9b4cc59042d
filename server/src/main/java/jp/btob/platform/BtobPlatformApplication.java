package jp.btob.platform;

import jp.btob.platform.system.logging.archive.DecryptLogArchiveCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BtobPlatformApplication {

    public static void main(String[] args) {
        // An operator's command runs instead of the server, before anything of it starts.
        if (args.length > 0 && DecryptLogArchiveCommand.NAME.equals(args[0])) {
            DecryptLogArchiveCommand.main(args);
            return;
        }
        SpringApplication.run(BtobPlatformApplication.class, args);
    }
}
