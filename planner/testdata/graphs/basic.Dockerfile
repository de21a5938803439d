# One stage: every kind of step, ARG scoping and the platform args.
ARG BASE=busybox:1
FROM ${BASE}
ARG VERSION=1.0
ARG TARGETARCH
ENV APP_HOME=/srv/app VERSION_LABEL=v$VERSION
WORKDIR $APP_HOME
COPY app.txt data/
RUN echo $VERSION $TARGETARCH
USER nobody
RUN ["/bin/app", "--check"]
CMD ["/bin/app"]
