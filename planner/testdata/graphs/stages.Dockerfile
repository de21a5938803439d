FROM busybox:1 AS base
RUN echo base > /base

FROM alpine:3 AS unused
RUN echo never planned

FROM base AS app
WORKDIR /app
RUN echo app

FROM scratch AS last
COPY last.txt /
