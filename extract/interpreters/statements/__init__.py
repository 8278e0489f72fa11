"""The 部门预算/决算 statements interpreter."""
