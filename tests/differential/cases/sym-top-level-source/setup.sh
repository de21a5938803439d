# Run by run.py in a copy of this case, after it set every mtime.
ln -s real.txt link.txt
