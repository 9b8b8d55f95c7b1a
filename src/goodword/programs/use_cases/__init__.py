"""What a program does, one unit of work each: set up programs, enrol advocates, record
visits, leads and conversions, approve, issue and claw back rewards, the portal."""
