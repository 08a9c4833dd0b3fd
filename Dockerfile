# The hub as a container: build the jar first with ./mvnw -DskipTests package
FROM eclipse-temurin:17-jre
WORKDIR /opt/sincro
COPY target/sincro-hub-*.jar sincro.jar
COPY routes ./routes
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/sincro/sincro.jar"]
