#!/usr/bin/env bash
# Starts changeflow once, on an in-memory database, and stops it as soon as its context is up; the JVM writes the
# classes it loaded to a class data sharing archive, changeflow.jsa. A start with -XX:SharedArchiveFile=changeflow.jsa
# maps them instead of loading them (docs/benchmarks.md: ready in about 6.5 s instead of 9).
# The archive belongs to the JVM that wrote it: run this with the java that will run changeflow.
# Usage: train-class-data.sh DIR   (DIR holds changeflow.jar and lib/, as `java -Djarmode=tools -jar … extract` leaves them)
set -euo pipefail
cd "$1"
# -Xlog…=off: the JVM would warn about each class it cannot archive (generated accessors), hundreds of lines
java -XX:ArchiveClassesAtExit=changeflow.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -Dspring.context.exit=onRefresh \
  -jar changeflow.jar --spring.datasource.url=jdbc:h2:mem:class-data-training --server.port=0 --logging.level.root=warn
test -s changeflow.jsa
