"""Stage 1, convert: a transcript becomes TEI P5.

:mod:`.read` cuts the file into header values and body blocks, :mod:`.structure`
finds the parts and units, :mod:`.labels` (the speaker-label grammar),
:mod:`.participants` and :mod:`.people` find turns, speakers and participants
(:mod:`.turns` lists them for review), :mod:`.align` pairs the
translation with the original, :mod:`.brackets` and :mod:`.inline` encode the
editorial brackets, :mod:`.body` and :mod:`.header` build the tree that
:mod:`.encode` assembles; :mod:`.files` converts files and folders.
"""
