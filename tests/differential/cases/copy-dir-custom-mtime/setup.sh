# Run by run.py in a copy of this case, after it set every mtime.
touch -d 2011-01-01T00:00:00Z d/x.txt d
