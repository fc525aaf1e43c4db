"""Job descriptions (岗位说明书) and department handbooks as Markdown, HTML and Word."""
