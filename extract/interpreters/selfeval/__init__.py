"""The 绩效自评表 (self-evaluation forms) interpreter."""
