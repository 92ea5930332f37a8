# --- build stage -------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build

# Maven wrapper and POM first, so the layer with the build inputs changes less often
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
# processes/ and forms/ are packaged as classpath resources (see <resources> in pom.xml)
COPY src/ src/
COPY processes/ processes/
COPY forms/ forms/

RUN chmod +x mvnw && ./mvnw -B -DskipTests package

# --- runtime stage -----------------------------------------------------------
FROM eclipse-temurin:17-jre
WORKDIR /app

RUN useradd --system --no-create-home --home-dir /app changeflow
COPY --from=build /build/target/changeflow-0.1.0-SNAPSHOT.jar /app/changeflow.jar

USER changeflow
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/changeflow.jar"]
