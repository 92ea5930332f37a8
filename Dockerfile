# changeflow production image: built from source, runs the layered Spring Boot jar as a non-root user.
# docker build -t changeflow:local .   (docker-compose.yml does this for the stack; docs/deployment.md)

# --- build stage -------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build

# Maven wrapper and POM first: the dependency download below is a layer of its own and stays cached until pom.xml
# (or the wrapper) changes
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN chmod +x mvnw && ./mvnw -B -ntp dependency:go-offline

# processes/ and forms/ are packaged as classpath resources (see <resources> in pom.xml)
COPY src/ src/
COPY processes/ processes/
COPY forms/ forms/
RUN ./mvnw -B -ntp -DskipTests package

# Split the jar into its layers (Spring Boot 3.5 "tools" jar mode): dependencies, spring-boot-loader,
# snapshot-dependencies, application, each a directory under /build/extracted. Together they hold changeflow.jar and
# lib/: a plain jar whose manifest lists its libraries, which class data sharing (below) needs.
RUN cp target/changeflow-*.jar changeflow.jar \
 && java -Djarmode=tools -jar changeflow.jar extract --layers --destination /build/extracted

# --- runtime stage -----------------------------------------------------------
FROM eclipse-temurin:17-jre

# a system user with a fixed uid/gid, so volume and secret file permissions can be granted by number
RUN groupadd --system --gid 10001 changeflow \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin changeflow
WORKDIR /app

# one COPY per layer, least-changing first: a code change rebuilds and ships only the last one
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

# class data sharing: a training start (in-memory database, stops once the context is up) records the loaded classes
# in /app/changeflow.jsa, which every start then maps instead of loading them (ready in about 6.5 s instead of 9 s)
COPY deploy/image/train-class-data.sh /usr/local/bin/
RUN train-class-data.sh /app

USER 10001
EXPOSE 8080

# heap sized from the container's memory limit; an OutOfMemoryError ends the JVM, so the container restarts instead
# of limping on. More options: JAVA_TOOL_OPTIONS in the compose file (replaces this value) or JDK_JAVA_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

# ready = the readiness group is UP (200 {"status":"UP"}; DOWN answers 503). No curl in the image: bash's /dev/tcp.
# start-period: the first start on an empty database migrates the schema.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && grep -q "\"UP\"" <&3'

# exec form: java is PID 1 and receives SIGTERM itself, so the graceful shutdown (server.shutdown: graceful) runs
ENTRYPOINT ["java", "-XX:SharedArchiveFile=changeflow.jsa", "-jar", "changeflow.jar"]
