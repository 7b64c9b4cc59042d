package jp.btob.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BtobPlatformApplication {

    public static void main(String[] args) {
        SpringApplication.run(BtobPlatformApplication.class, args);
    }
}
