# Run by run.py in a copy of this case, after it set every mtime.
mkdir -p src/d && echo f > src/d/f && ln -s f src/d/l
tar --mtime=@1000000000 --owner=0 --group=0 -cf t.tar -C src d
rm -r src
