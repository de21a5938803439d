# Run by run.py in a copy of this case, after it set every mtime.
mkdir dir/y
ln dir/x/a dir/y/b
