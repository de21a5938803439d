# Run by run.py in a copy of this case, after it set every mtime.
mkdir -p src/d && echo f > src/d/f && chmod 4711 src/d/f && chmod 0705 src/d
tar --mtime=2003-03-03 --owner=0 --group=0 -cf t.tar -C src d
rm -r src
