# Run by run.py in a copy of this case, after it set every mtime.
mkdir -p src && echo h > src/a && ln src/a src/b
tar --mtime=@1000000000 --owner=0 --group=0 -cf t.tar -C src a b
rm -r src
