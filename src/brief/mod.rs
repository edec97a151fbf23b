//! Understanding casting briefs: free text to `Requirements`, refinement of a standing brief
//! turn by turn, and the Claude `search_talent` tool generated from `Requirements`.
