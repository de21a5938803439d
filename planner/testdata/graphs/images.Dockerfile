FROM alpine:3 AS unused
COPY --from=never:1 /x /x

FROM scratch AS app
COPY --from=busybox:1 /bin/busybox /bb
RUN --mount=from=tools:2,target=/t ["/bb", "sh", "/t/run"]
COPY --from=tools:2 /etc/passwd /etc/
