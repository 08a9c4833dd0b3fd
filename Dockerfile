# The hub as a container: build the jar first with ./mvnw -DskipTests package
FROM eclipse-temurin:17-jre
# curl for the compose healthcheck (GET /actuator/health/readiness, which needs no principal)
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# the hub runs as its own unprivileged user; it writes only under /opt/sincro/data (the default HSQLDB store)
RUN groupadd --system sincro && useradd --system --gid sincro --home-dir /opt/sincro --shell /usr/sbin/nologin sincro
WORKDIR /opt/sincro
COPY target/sincro-hub-*.jar sincro.jar
COPY routes ./routes
RUN mkdir -p /opt/sincro/data && chown -R sincro:sincro /opt/sincro/data
USER sincro
# the hub's JVM options (pom.xml's hub.jvm.options): the client compiler only; set JDK_JAVA_OPTIONS to change them
ENV JDK_JAVA_OPTIONS="-XX:TieredStopAtLevel=1"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/sincro/sincro.jar"]
