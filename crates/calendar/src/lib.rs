//! Vietnamese calendar arithmetic: lunar dates, public holidays and working time. Pure, no IO.
