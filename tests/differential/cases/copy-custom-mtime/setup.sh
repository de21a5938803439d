# Run by run.py in a copy of this case, after it set every mtime.
touch -d 2010-05-06T07:08:09Z f.txt
