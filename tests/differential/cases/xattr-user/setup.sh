# Run by run.py in a copy of this case, after it set every mtime.
python3 -c "import os; os.setxattr('x.txt', 'user.color', b'blue')"
