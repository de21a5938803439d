FROM busybox:1
ARG NO_PROXY
RUN wget http://example.com/
