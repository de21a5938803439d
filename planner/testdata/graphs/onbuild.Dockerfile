# The base image carries ONBUILD triggers; they run first in the child, at
# its FROM line. A stage's own ONBUILD runs in stages built FROM it.
FROM triggers:1 AS parent
ONBUILD RUN echo from parent
RUN echo parent

FROM parent AS child
RUN echo child
