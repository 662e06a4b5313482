"""Leave (请假, LV): who approves, unapproved and retroactive leave."""
