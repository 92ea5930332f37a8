package io.changeflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ChangeflowApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChangeflowApplication.class, args);
	}

}
